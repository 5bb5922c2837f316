using McpSecure.AppHost.HostingModes;

namespace McpSecure.UnitTests.AppHost;

public sealed class HostingModeSelectorTests
{
    private sealed class FakeProbe(bool answered) : IContainerEngineProbe
    {
        public int Calls { get; private set; }

        public string Detail => answered ? "fake engine 27.0 answered" : "fake: not installed";

        public ContainerEngineAnswer Probe()
        {
            Calls++;
            return new(answered, Detail);
        }
    }

    [Theory]
    [InlineData(true, "Containers")]
    [InlineData(false, "Embedded")]
    public void Auto_asks_the_probe_once_and_gives_its_findings_as_the_reason(bool engineAnswers, string expected)
    {
        var probe = new FakeProbe(engineAnswers);

        var choice = HostingModeSelector.Choose(HostingMode.Auto, isPublishMode: false, probe);

        Assert.Equal(Enum.Parse<HostingMode>(expected), choice.Mode);
        Assert.Equal(1, probe.Calls);
        Assert.Equal($"Auto: {probe.Detail}", choice.Reason);
    }

    [Theory]
    [InlineData("Containers", true)]
    [InlineData("Containers", false)]
    [InlineData("Embedded", true)]
    [InlineData("Embedded", false)]
    public void A_configured_mode_wins_whatever_the_engine_and_the_engine_is_not_asked(string configured, bool engineAnswers)
    {
        var probe = new FakeProbe(engineAnswers);

        var choice = HostingModeSelector.Choose(Enum.Parse<HostingMode>(configured), isPublishMode: false, probe);

        Assert.Equal(Enum.Parse<HostingMode>(configured), choice.Mode);
        Assert.Equal(0, probe.Calls);
        Assert.Equal($"McpSecure:Mode is set to {configured}", choice.Reason);
    }

    [Theory]
    [InlineData("Auto", false)]
    [InlineData("Auto", true)]
    [InlineData("Embedded", false)]
    [InlineData("Embedded", true)]
    public void Publishing_always_targets_the_container_images(string configured, bool engineAnswers)
    {
        var probe = new FakeProbe(engineAnswers);

        var choice = HostingModeSelector.Choose(Enum.Parse<HostingMode>(configured), isPublishMode: true, probe);

        Assert.Equal(HostingMode.Containers, choice.Mode);
        Assert.Equal(0, probe.Calls);
        Assert.StartsWith("publishing", choice.Reason);
    }

    [Fact]
    public void The_builder_overload_reads_publish_mode_from_the_execution_context()
    {
        // Publishing needs no engine answer, so this starts no process.
        var builder = AppModel.CreateBuilder("--operation", "publish");

        Assert.Equal(HostingMode.Containers, HostingModeSelector.Choose(builder, HostingMode.Embedded).Mode);
    }
}
