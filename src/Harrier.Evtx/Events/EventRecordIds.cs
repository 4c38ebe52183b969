using System.Globalization;

namespace Harrier.Evtx.Events;

/// <summary>
/// The one record id Harrier shows and stores everywhere (alerts, sessions, case-file events): the event's
/// own <c>EventRecordID</c>, which Event Viewer, evtx_dump and Timeline Explorer show, else the record
/// header's number (<see cref="EventFields.RecordId"/>). The two differ in exported or filtered logs,
/// whose record headers are renumbered from 1 while <c>EventRecordID</c> keeps the source log's number.
/// </summary>
public static class EventRecordIds
{
    static readonly int EventRecordIdField = FieldNames.Intern("EventRecordID");

    /// <summary>The event's <c>EventRecordID</c> when it is a number, else its record header's id.</summary>
    public static ulong DisplayRecordId(this EventFields e) =>
        e.TryGet(EventRecordIdField, out var v) && ulong.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            ? id : e.RecordId;
}
