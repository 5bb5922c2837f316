# LemonLDAP::NG's portal as a plain PSGI application, for tests: started by McpSecure.Tests with
#   LLNG_DEFAULTCONFFILE=<generated lemonldap-ng.ini> plackup -s HTTP::Server::PSGI --host 127.0.0.1 --port <port> portal.psgi
# Static files (CSS, scripts) are served from the Debian package's htdocs; the login form itself needs none of them.
use strict;
use warnings;
use Plack::Builder;
use Lemonldap::NG::Portal::Main;

my $portal = Lemonldap::NG::Portal::Main->run( {} );

builder {
    enable 'Static',
      path => qr{^/static/},
      root => '/usr/share/lemonldap-ng/portal/htdocs';
    $portal;
};
