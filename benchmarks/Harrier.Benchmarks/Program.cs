using BenchmarkDotNet.Running;
using Harrier.Benchmarks.Sigma;

// `dotnet run -c Release -- sigma-quick` prints Stopwatch timings of the Sigma stages (seconds, no
// BenchmarkDotNet); anything else goes to BenchmarkDotNet (e.g. `--filter *Sigma*`).
if (args is ["sigma-quick", ..])
{
    SigmaQuick.Run();
    return 0;
}
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
