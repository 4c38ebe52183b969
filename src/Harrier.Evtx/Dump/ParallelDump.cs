namespace Harrier.Evtx.Dump;

internal static class ParallelDump
{
    public static EvtxStats Run(EvtxFile file, EvtxDumper dumper)
    {
        while (file.MoveNext()) dumper.WriteRecord(file.Current);
        dumper.Flush();
        return file.Stats;
    }
}
