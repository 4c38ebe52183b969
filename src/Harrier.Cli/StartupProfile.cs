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
    public static void Start(string[] args)
    {
        // The native build has no JIT to profile.
        if (!System.Runtime.CompilerServices.RuntimeFeature.IsDynamicCodeSupported) return;
        if (args.Length == 0 || args[0].StartsWith('-') || args[0].Length > 32 || !args[0].All(char.IsAsciiLetterLower)) return;
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
