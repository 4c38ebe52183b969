using System.Security.Cryptography;
using System.Text;
using Harrier.Testing;

namespace Harrier.Exposure.Tests.Lab;

/// <summary>
/// A network namespace with only loopback (created by lab.sh) and a work directory, for one test
/// run. Runs the CLI inside it, remembers every output it produced, and checks that none of them
/// contains a secret.
/// </summary>
public abstract class LabNamespace : IAsyncLifetime
{
    readonly List<(string What, byte[] Bytes)> _artifacts = [];
    readonly Lock _gate = new();

    protected LabNamespace(string kind)
    {
        Name = $"hx-{kind}-{Environment.ProcessId}";
        Dir = Path.Combine(Path.GetTempPath(), $"harrier-{kind}-lab-{Environment.ProcessId}");
        OutDir = Path.Combine(Dir, "out");
    }

    public string Name { get; }
    public string Dir { get; }
    public string OutDir { get; }

    /// <summary>The secrets of this lab (random per run); no harrier output may contain one.</summary>
    public List<string> Secrets { get; } = [];

    protected static string NewPassword() =>
        "Hx!" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(12)).Replace('+', 'k').Replace('/', 'q') + "9z";

    public async Task InitializeAsync()
    {
        LabShell.RequireRoot();
        if (Directory.Exists(Dir)) Directory.Delete(Dir, recursive: true);
        Directory.CreateDirectory(OutDir);
        try
        {
            await StartAsync();
        }
        catch
        {
            await DisposeAsync();   // xunit does not dispose a fixture whose start failed: stop what did start
            throw;
        }
    }

    protected abstract Task StartAsync();

    public async Task DisposeAsync()
    {
        await LabShell.LabAsync(["stop", Dir]);
        await LabShell.LabAsync(["netns-down", Name]);
        try { Directory.Delete(Dir, recursive: true); } catch (IOException) { }
    }

    protected async Task StartWith(string command, IReadOnlyDictionary<string, string> env)
    {
        var r = await LabShell.LabAsync([command, Name, Dir], env, TimeSpan.FromMinutes(4));
        if (r.ExitCode != 0) throw new InvalidOperationException($"lab.sh {command} failed: {r}");
    }

    /// <summary>Runs <c>harrier ARGS</c> inside the namespace (private /etc/hosts) with <paramref name="env"/>; records stdout, stderr and <paramref name="outputs"/>.</summary>
    public async Task<ProcessResult> HarrierAsync(IEnumerable<string> args, IReadOnlyDictionary<string, string>? env = null, params string[] outputs)
    {
        var r = await LabShell.LabAsync(["run", Name, Dir, .. HarrierCli.Command, .. args], env, TimeSpan.FromMinutes(2));
        Record($"stdout of harrier {string.Join(' ', args)}", Encoding.UTF8.GetBytes(r.Stdout));
        Record($"stderr of harrier {string.Join(' ', args)}", Encoding.UTF8.GetBytes(r.Stderr));
        foreach (var o in outputs.Where(File.Exists)) Record(o, File.ReadAllBytes(o));
        return r;
    }

    /// <summary>Runs a lab shell command line inside the namespace.</summary>
    public Task<ProcessResult> ShellAsync(string script, IReadOnlyDictionary<string, string>? env = null) =>
        LabShell.LabAsync(["run", Name, Dir, "bash", "-c", script], env, TimeSpan.FromMinutes(2));

    public void Record(string what, byte[] bytes)
    {
        lock (_gate) _artifacts.Add((what, bytes));
    }

    public IReadOnlyList<(string What, byte[] Bytes)> Artifacts
    {
        get { lock (_gate) return _artifacts.ToList(); }
    }

    /// <summary>Every recorded artifact and every file under the output directory that contains a secret.</summary>
    public IEnumerable<string> Leaks()
    {
        var all = Artifacts.ToList();
        foreach (var f in Directory.EnumerateFiles(OutDir, "*", SearchOption.AllDirectories)) all.Add((f, File.ReadAllBytes(f)));
        return FindLeaks(Secrets, all);
    }

    /// <summary>The artifacts holding any secret in plain UTF-8, UTF-16LE, or base64 of either.</summary>
    public static IEnumerable<string> FindLeaks(IEnumerable<string> secrets, IReadOnlyList<(string What, byte[] Bytes)> artifacts)
    {
        foreach (var secret in secrets)
        {
            byte[][] forms =
            [
                Encoding.UTF8.GetBytes(secret), Encoding.Unicode.GetBytes(secret),
                Encoding.ASCII.GetBytes(Convert.ToBase64String(Encoding.UTF8.GetBytes(secret))),
                Encoding.ASCII.GetBytes(Convert.ToBase64String(Encoding.Unicode.GetBytes(secret))),
            ];
            foreach (var (what, bytes) in artifacts)
                if (forms.Any(form => bytes.AsSpan().IndexOf(form) >= 0)) yield return what;
        }
    }
}
