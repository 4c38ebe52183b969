using Harrier.Evtx.Events;

namespace Harrier.Evtx.Tests;

public class EventFieldsTests
{
    [Fact]
    public void Multi_valued_fields_keep_every_value_in_order()
    {
        var e = new EventFields();
        e.Add("Data", "first");
        e.Add("TargetUserName", "alice");
        e.Add("Data", "second");
        var data = FieldNames.Intern("data");
        Assert.Equal(FieldNames.Data, data);
        var i = e.IndexOf(data, 0);
        Assert.Equal("first", e.Value(i).ToString());
        i = e.IndexOf(data, i + 1);
        Assert.Equal("second", e.Value(i).ToString());
        Assert.Equal(-1, e.IndexOf(data, i + 1));
        Assert.Equal("alice", e.GetString("targetusername"));
    }

    [Fact]
    public void Clear_reuses_buffers_and_forgets_values()
    {
        var e = new EventFields();
        for (var n = 0; n < 1000; n++) e.Add("F" + n, new string('x', n));
        var copy = e.Clone();
        e.Clear();
        Assert.Equal(0, e.Count);
        Assert.Null(e.GetString("F1"));
        Assert.Equal(new string('x', 999), copy.GetString("F999"));
    }
}
