using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace McpSecure.Tests.Infrastructure;

/// <summary>axe-core (Deque.AxeCore.Playwright) on a page in the browser.</summary>
public static class Accessibility
{
    /// <summary>Runs every axe rule on the page; fails listing each serious or critical violation.</summary>
    public static async Task AssertNoSeriousViolationsAsync(IPage page, string what)
    {
        var result = await page.RunAxe();
        var blocking = result.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        Assert.True(blocking.Count == 0, $"axe found {blocking.Count} serious/critical violation(s) on the {what}:\n" + string.Join("\n",
            blocking.Select(v => $"- {v.Id} ({v.Impact}): {v.Help} at {string.Join(", ", v.Nodes.Select(n => n.Target?.ToString()))}")));
        Assert.NotEmpty(result.Passes); // axe really ran its rules on this page
    }
}
