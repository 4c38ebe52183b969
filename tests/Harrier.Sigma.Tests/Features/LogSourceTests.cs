using Harrier.Sigma.LogSources;
using Harrier.Sigma.Model;

namespace Harrier.Sigma.Tests.Features;

public class LogSourceTests
{
    [Fact]
    public void Process_creation_is_sysmon_1_or_security_4688_with_renamed_fields()
    {
        var set = RuleFixture.Compile(RuleFixture.Rule("sel:\n    Image|endswith: '\\cmd.exe'\ncondition: sel", "    category: process_creation\n    product: windows"));
        Assert.True(RuleFixture.Matches(set, RuleFixture.Event("Channel=Microsoft-Windows-Sysmon/Operational", "EventID=1", @"Image=C:\x\cmd.exe")));
        Assert.True(RuleFixture.Matches(set, RuleFixture.Event("Channel=Security", "EventID=4688", @"NewProcessName=C:\x\cmd.exe")));
        Assert.False(RuleFixture.Matches(set, RuleFixture.Event("Channel=Security", "EventID=4688", @"Image=C:\x\cmd.exe")));
        Assert.False(RuleFixture.Matches(set, RuleFixture.Event("Channel=Microsoft-Windows-Sysmon/Operational", "EventID=7", @"Image=C:\x\cmd.exe")));
        Assert.False(RuleFixture.Matches(set, RuleFixture.Event("Channel=Application", "EventID=1", @"Image=C:\x\cmd.exe")));
    }

    [Fact]
    public void Network_connection_also_maps_security_5156()
    {
        var set = RuleFixture.Compile(RuleFixture.Rule("sel:\n    DestinationPort: 4444\ncondition: sel", "    category: network_connection\n    product: windows"));
        Assert.True(RuleFixture.Matches(set, RuleFixture.Event("Channel=Security", "EventID=5156", "DestPort=4444")));
        Assert.True(RuleFixture.Matches(set, RuleFixture.Event("Channel=Microsoft-Windows-Sysmon/Operational", "EventID=3", "DestinationPort=4444")));
    }

    [Theory]
    [InlineData("file_access", null, "windows", "Kernel-File")]
    [InlineData(null, "auditd", "linux", "product 'linux'")]
    [InlineData("webserver", null, null, "no EVTX channel")]
    public void Log_sources_without_EVTX_form_are_not_applicable(string? category, string? service, string? product, string reason)
    {
        var r = LogSourceMap.Default.Resolve(new LogSource(category, product, service));
        Assert.False(r.IsApplicable);
        Assert.Contains(reason, r.NotApplicableReason);
    }

    [Fact]
    public void Product_only_windows_runs_on_every_channel()
    {
        var r = LogSourceMap.Default.Resolve(new LogSource(null, "windows", null));
        Assert.Null(Assert.Single(r.Branches).Channels);
    }

    [Fact]
    public void A_user_map_extends_the_shipped_one()
    {
        var user = LogSourceMap.Parse("""
            logsources:
              my-app:
                product: windows
                service: myapp
                sources: ['WinEventLog:MyApp/Operational']
              windows-security:
                product: windows
                service: security
                sources: ['WinEventLog:Security', 'WinEventLog:ForwardedEvents']
            """, "user.yml");
        var map = LogSourceMap.Default.Extend(user);
        Assert.Equal(["MyApp/Operational"], map.Resolve(new LogSource(null, "windows", "myapp")).Branches.Single().Channels);
        Assert.Equal(["Security", "ForwardedEvents"], map.Resolve(new LogSource(null, "windows", "security")).Branches.Single().Channels);
        Assert.False(LogSourceMap.Default.Resolve(new LogSource(null, "windows", "myapp")).IsApplicable);
    }
}
