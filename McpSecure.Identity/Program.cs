using McpSecure.Identity.Authorization;
using McpSecure.Identity.ClientMetadataDocuments;
using McpSecure.Identity.ClientRegistration;
using McpSecure.Identity.Configuration;
using McpSecure.Identity.Data;
using McpSecure.Identity.Endpoints;
using McpSecure.Identity.Federation;
using McpSecure.Identity.Health;
using McpSecure.Identity.OpenIddictServer;
using McpSecure.Identity.Seeding;
using McpSecure.Identity.UpstreamTokens;

// McpSecure's OpenID Connect provider (OpenIddict). In development it stands in for Keycloak when the app runs
// without containers, seeded from the same realm export; in federation mode it is the MCP authorization server in
// front of an organisation's provider, without local accounts. Configuration: the "Identity" section
// (IdentityProviderOptions), "Identity:ClientRegistration" (ClientRegistrationOptions),
// "Identity:ClientMetadataDocuments" (ClientMetadataDocumentOptions) and, for federation mode (users sign in at an
// upstream OIDC provider, no local accounts), "Identity:Federation" (FederationOptions), with "Identity:Federation:UpstreamTokens" (UpstreamTokenOptions: kept
// upstream tokens and the RFC 8693 token exchange).
var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();

builder.Services.AddIdentityProviderOptions();
builder.Services.AddIdentityStore();
builder.Services.AddRealmSeeding();
builder.Services.AddOpenIddictServer();
builder.Services.AddAuthorizationFlowServices();
builder.Services.AddDynamicClientRegistration();
builder.Services.AddFederation(builder.Configuration);
builder.Services.AddUpstreamTokens(builder.Configuration);
builder.Services.AddClientMetadataDocuments();
builder.Services.AddRazorPages();
builder.Services.AddHealthChecks().AddCheck<IdentityStoreHealthCheck>(IdentityStoreHealthCheck.Name);

var app = builder.Build();

app.UseNoLocalAccountsInFederationMode();
app.UseAuthentication();
app.UseAuthorization();

app.MapDefaultEndpoints();
app.MapOpenIddictPassthroughEndpoints();
app.MapClientRegistrationEndpoint();
app.MapFederationEndpoints();
app.MapRazorPages();

app.Run();
