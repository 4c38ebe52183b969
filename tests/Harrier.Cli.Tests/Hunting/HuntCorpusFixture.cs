using Harrier.Testing;

namespace Harrier.Cli.Tests.Hunting;

/// <summary>
/// Copies a set of real corpus samples into a temp folder and runs <c>harrier hunt</c> over it once
/// (built-in pack only) with CSV and JSONL output; the tests read the results.
/// </summary>
public sealed class HuntCorpusFixture : IDisposable
{
    public static readonly string[] Samples =
    [
        "evtx-attack-samples/Defense Evasion/DE_1102_security_log_cleared.evtx",
        "yamato/LateralMovement/T1563.002_RDP-Hijacking_Security.evtx",
        "evtx-attack-samples/Credential Access/CA_DCSync_4662.evtx",
        "yamato/CredentialAccess/T1558.003_StealOrForgeKerberosTicketsKerberoasting_Security.evtx",
        "deepbluecli/smb-password-guessing-security.evtx",
        "deepbluecli/password-spray.evtx",
        "evtx-attack-samples/Credential Access/kerberos_pwd_spray_4771.evtx",
    ];

    public FixtureRun Run { get; }

    public HuntCorpusFixture()
    {
        Dir = Directory.CreateTempSubdirectory("harrier-hunt-e2e").FullName;
        Logs = Path.Combine(Dir, "logs");
        Directory.CreateDirectory(Logs);
        foreach (var s in Samples) File.Copy(SharedData.Corpus(s.Split('/')), Path.Combine(Logs, Path.GetFileName(s)));
        Run = Hunt("run", "--threads", "2");
    }

    public string Dir { get; }

    public string Logs { get; }

    public sealed record FixtureRun(HarrierProcess.Result Process, string Csv, string Jsonl);

    public FixtureRun Hunt(string name, params string[] extra)
    {
        var csv = Path.Combine(Dir, name + ".csv");
        var jsonl = Path.Combine(Dir, name + ".jsonl");
        var r = HarrierProcess.Run(["hunt", Logs, "--csv", csv, "--jsonl", jsonl, .. extra]);
        return new FixtureRun(r, File.Exists(csv) ? File.ReadAllText(csv) : "", File.Exists(jsonl) ? File.ReadAllText(jsonl) : "");
    }

    public void Dispose()
    {
        try { Directory.Delete(Dir, recursive: true); }
        catch (IOException) { }
    }
}
