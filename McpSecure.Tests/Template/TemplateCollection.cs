namespace McpSecure.Tests.Template;

/// <summary>The template's tests share one <see cref="TemplateFixture"/> (the pack, the hives and the four built apps).</summary>
[CollectionDefinition(Name)]
public sealed class TemplateCollection : ICollectionFixture<TemplateFixture>
{
    public const string Name = "Template";
}
