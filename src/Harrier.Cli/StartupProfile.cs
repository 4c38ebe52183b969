using System.Runtime;

namespace Harrier.Cli;

/// <summary>
/// .NET's multicore JIT: each command records which methods it needed compiled (a small profile next to the
/// binaries, one per command), and later runs of that command compile them on a background thread while the
/// main thread starts up. The hot reading and rendering methods are always JIT-compiled (they are marked
/// AggressiveOptimization because precompiled code for them is slower), so this takes ≈ 0.1 s of compiling
/// off the critical path of a short run. Best effort: where the directory is not writable nothing is recorded.
/// </summary>
static class StartupProfile
{
    // the top-level commands of CommandRegistry (a new one without an entry only loses its profile)
    static readonly HashSet<string> Commands = ["hunt", "dump", "info", "rules", "logons", "graph", "query", "report", "audit"];

    public static void Start(string[] args)
    {
        // The native build has no JIT to profile.
        if (!System.Runtime.CompilerServices.RuntimeFeature.IsDynamicCodeSupported) return;
        if (args.Length == 0 || !Commands.Contains(args[0])) return; // a profile per command, none for typos
        try
        {
            var dir = Path.Combine(AppContext.BaseDirectory, "jit-profiles");
            Directory.CreateDirectory(dir);
            ProfileOptimization.SetProfileRoot(dir);
            ProfileOptimization.StartProfile(args[0] + ".profile");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // No profile: the run is only slower to start.
        }
    }
}
