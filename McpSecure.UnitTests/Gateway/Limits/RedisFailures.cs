using StackExchange.Redis;

namespace McpSecure.UnitTests.Gateway.Limits;

/// <summary>The exceptions StackExchange.Redis throws when Redis is down or slow, for the fake store to throw.</summary>
internal static class RedisFailures
{
#pragma warning disable CS0618 // the overloads with CommandFlags are the client's own; these are enough for a fake.
    public static Exception Unreachable(ConnectionFailureType type = ConnectionFailureType.UnableToConnect) => new RedisConnectionException(type, "No connection is available");

    public static Exception TimedOut() => new RedisTimeoutException("Timeout performing EVALSHA", CommandStatus.Sent);
#pragma warning restore CS0618
}
