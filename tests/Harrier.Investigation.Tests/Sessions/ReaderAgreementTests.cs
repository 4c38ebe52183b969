using Harrier.Investigation.Export;

namespace Harrier.Investigation.Tests.Sessions;

/// <summary>The EVTX reader and the evtx_dump renderings of the same files stitch to the same sessions and edges.</summary>
public class ReaderAgreementTests
{
    [Theory]
    [InlineData("evtx-attack-samples/Lateral Movement/LM_ScheduledTask_ATSVC_target_host.evtx")]
    [InlineData("evtx-attack-samples/Command and Control/DE_RDP_Tunneling_4624.evtx")]
    [InlineData("evtx-attack-samples/Command and Control/DE_RDP_Tunneling_TerminalServices-RemoteConnectionManagerOperational_1149.evtx")]
    [InlineData("yamato/IntialAccess/ValidAccounts/ID302 RDS Gateway Logon Logoff.evtx")]
    [InlineData("deepbluecli/smb-password-guessing-security.evtx")]
    [InlineData("evtx-crate-samples/security.evtx")]
    public void Evtx_and_reference_json_agree(string file)
    {
        var evtx = Corpus.Stitch(false, file);
        var json = Corpus.Stitch(true, file);
        Assert.NotEmpty(evtx.Sessions.Count > 0 ? evtx.Sessions.Cast<object>() : evtx.RdpSessions.Count > 0 ? evtx.RdpSessions : evtx.Failures.Count > 0 ? evtx.Failures : evtx.Graph.Edges);
        Assert.Equal(Csv(json, SessionView.Logons), Csv(evtx, SessionView.Logons), ignoreLineEndingDifferences: false);
        Assert.Equal(Csv(json, SessionView.Rdp), Csv(evtx, SessionView.Rdp));
        Assert.Equal(Csv(json, SessionView.Failures), Csv(evtx, SessionView.Failures));
        Assert.Equal(Graph(json), Graph(evtx));
    }

    /// <summary>
    /// Times at microsecond precision (the reference renders SystemTime with microseconds), without the
    /// record_id column: the EVTX reader gives the record header's number, evtx_dump JSON the System
    /// EventRecordID, and exported samples (EVTX-ATTACK-SAMPLES) renumber their headers from 1.
    /// </summary>
    static string Csv(InvestigationResult r, SessionView view)
    {
        var w = new StringWriter();
        SessionWriter.WriteCsv(w, r, view);
        var text = System.Text.RegularExpressions.Regex.Replace(w.ToString(), @"(\.\d{6})\dZ", "$1Z");
        return view == SessionView.Failures ? text : System.Text.RegularExpressions.Regex.Replace(text, @",[^,\n]*\n", "\n");
    }

    static string Graph(InvestigationResult r)
    {
        var w = new StringWriter();
        GraphWriter.WriteDot(w, r.Graph);
        return w.ToString() + string.Join("\n", r.Graph.Edges.Select(e => (e.SourceId, e.AccountId, e.TargetId, e.Success, e.Count, e.PrivilegedCount, e.First / 10, e.Last / 10).ToString()));
    }
}
