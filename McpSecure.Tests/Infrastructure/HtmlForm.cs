using System.Text.RegularExpressions;

namespace McpSecure.Tests.Infrastructure;

/// <summary>Reads an HTML page's form the way a browser submits it: its action and its hidden fields.</summary>
public static partial class HtmlForm
{
    public static Dictionary<string, string> HiddenFields(string html)
    {
        var fields = new Dictionary<string, string>();
        foreach (Match input in InputTag().Matches(html))
        {
            var tag = input.Value;
            if (Attribute(tag, "type") is "hidden" && Attribute(tag, "name") is { } name)
            {
                fields[WebUtility.HtmlDecode(name)] = WebUtility.HtmlDecode(Attribute(tag, "value") ?? "");
            }
        }
        return fields;
    }

    /// <summary>The first form's action, or null when it posts back to the page's own URL.</summary>
    public static string? Action(string html) =>
        FormTag().Match(html) is { Success: true } form && Attribute(form.Value, "action") is { Length: > 0 } action
            ? WebUtility.HtmlDecode(action)
            : null;

    /// <summary>A page cut short for an error message.</summary>
    public static string Excerpt(string html) => html.Length > 800 ? html[..800] + "…" : html;

    private static string? Attribute(string tag, string name) =>
        Regex.Match(tag, $@"\b{name}\s*=\s*""([^""]*)""", RegexOptions.IgnoreCase) is { Success: true } m ? m.Groups[1].Value : null;

    [GeneratedRegex("<input\\b[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex InputTag();

    [GeneratedRegex("<form\\b[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex FormTag();
}
