using McpSecure.Identity.Authorization;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace McpSecure.UnitTests.Identity;

public sealed class ConsentDeciderTests
{
    [Theory]
    // Realm clients (implicit consent): never asked, even with prompt=consent.
    [InlineData(ConsentTypes.Implicit, false, false, true)]
    [InlineData(ConsentTypes.Implicit, false, true, true)]
    // Registered clients (explicit consent): asked until the user allowed once, and again on prompt=consent.
    [InlineData(ConsentTypes.Explicit, false, false, false)]
    [InlineData(ConsentTypes.Explicit, true, false, true)]
    [InlineData(ConsentTypes.Explicit, true, true, false)]
    [InlineData(ConsentTypes.External, true, false, true)]
    [InlineData(ConsentTypes.External, false, false, false)]
    // Systematic, or anything unknown: ask every time.
    [InlineData(ConsentTypes.Systematic, true, false, false)]
    [InlineData(null, true, false, false)]
    public void Consent_is_granted_without_asking_only_as_the_consent_type_allows(
        string? consentType, bool hasPermanentConsent, bool asksForConsent, bool expected)
    {
        Assert.Equal(expected, ConsentDecider.IsGrantedWithoutAsking(consentType, hasPermanentConsent, asksForConsent));
    }
}
