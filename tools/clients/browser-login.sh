#!/bin/sh
# $BROWSER for mcp-remote and MCP Inspector in the tests: completes the login headlessly (see browser-login.mjs).
exec node "$(dirname "$0")/browser-login.mjs" "$@"
