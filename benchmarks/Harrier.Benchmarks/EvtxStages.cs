using Harrier.Evtx;
using Harrier.Evtx.Events;
using Harrier.Evtx.Rendering;

namespace Harrier.Benchmarks;

/// <summary>The reader's stages over one file: parse only, parse + EventFields, parse + JSON.</summary>
public static class EvtxStages
{
    /// <summary>Records of the last "json" run rendered by compiled template programs and by the tree renderer.</summary>
    public static (long Compiled, long Tree) LastJsonPaths { get; private set; }

    /// <summary>Records of the last "fields" run flattened by compiled template programs and by the tree flattener.</summary>
    public static (long Compiled, long Tree) LastFieldsPaths { get; private set; }

    public static long Run(string path, string stage)
    {
        using var file = EvtxFile.Open(path);
        using var buffer = new Utf8Buffer();
        var fields = new EventFields();
        long n = 0;
        while (file.MoveNext())
        {
            switch (stage)
            {
                case "fields": file.Current.TryFill(fields); break;
                case "json":
                    buffer.Clear();
                    file.Current.TryWriteJson(buffer);
                    break;
            }
            n++;
        }
        if (stage == "fields") LastFieldsPaths = (file.Processor.Fields.CompiledRecords, file.Processor.Fields.TreeRecords);
        if (stage == "json") LastJsonPaths = (file.Processor.Json.CompiledRecords, file.Processor.Json.TreeRecords);
        return n;
    }
}
