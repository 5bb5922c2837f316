using System.Collections.Immutable;
using System.Reflection;
using OpenIddict.Abstractions;

namespace McpSecure.UnitTests.Identity;

/// <summary>
/// An <see cref="IOpenIddictScopeManager"/> that knows which resources each scope carries and answers only
/// <c>ListResourcesAsync</c>; any other call fails the test.
/// </summary>
public class FakeScopeManager : DispatchProxy
{
    private IReadOnlyDictionary<string, string[]> _resourcesByScope = new Dictionary<string, string[]>();

    public List<ImmutableArray<string>> ListedScopes { get; } = [];

    public static IOpenIddictScopeManager Create(IReadOnlyDictionary<string, string[]> resourcesByScope, out FakeScopeManager fake)
    {
        var manager = Create<IOpenIddictScopeManager, FakeScopeManager>();
        fake = (FakeScopeManager)(object)manager;
        fake._resourcesByScope = resourcesByScope;
        return manager;
    }

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        if (targetMethod?.Name != nameof(IOpenIddictScopeManager.ListResourcesAsync))
        {
            throw new NotSupportedException($"{targetMethod?.Name} is not expected here.");
        }

        var scopes = (ImmutableArray<string>)args![0]!;
        ListedScopes.Add(scopes);
        return ListAsync(scopes.SelectMany(scope => _resourcesByScope.GetValueOrDefault(scope) ?? []));
    }

    private static async IAsyncEnumerable<string> ListAsync(IEnumerable<string> resources)
    {
        await Task.Yield();
        foreach (var resource in resources)
        {
            yield return resource;
        }
    }
}
