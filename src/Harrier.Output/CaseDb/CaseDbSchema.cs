namespace Harrier.Output.CaseDb;

/// <summary>The case file's tables (documented in docs/case-db.md; keep the two in step).</summary>
public static class CaseDbSchema
{
    /// <summary>Bumped when a table changes incompatibly; stored in <c>meta</c> as <c>schema_version</c>.</summary>
    /// <remarks>2: alerts gained alert_id and rule_level; tables exposure_findings and alert_exposure.</remarks>
    public const int Version = 2;

    public const string Create = """
        CREATE TABLE meta (key VARCHAR PRIMARY KEY, value VARCHAR);
        CREATE TABLE files (file VARCHAR, format VARCHAR, bytes BIGINT, records_read BIGINT, rendered BIGINT,
            failed BIGINT, carved BIGINT, outside_time_range BIGINT, alerts BIGINT, unreadable VARCHAR);
        CREATE TABLE problems (file VARCHAR, location VARCHAR, message VARCHAR);
        CREATE TABLE events (file VARCHAR, record_id UBIGINT, time TIMESTAMP, event_id INTEGER, channel VARCHAR,
            provider VARCHAR, computer VARCHAR, level VARCHAR, target_user VARCHAR, subject_user VARCHAR,
            ip_address VARCHAR, logon_type INTEGER, carved BOOLEAN, fields JSON);
        CREATE TABLE alerts (time TIMESTAMP, computer VARCHAR, channel VARCHAR, provider VARCHAR, event_id INTEGER,
            record_id UBIGINT, file VARCHAR, rule_id VARCHAR, rule_title VARCHAR, level VARCHAR, level_rank INTEGER,
            tags VARCHAR[], tactics VARCHAR[], account VARCHAR, details VARCHAR, carved BOOLEAN, correlation JSON, fields JSON,
            alert_id BIGINT, rule_level VARCHAR);
        CREATE TABLE exposure_findings (finding_key VARCHAR, id VARCHAR, severity VARCHAR, severity_rank INTEGER,
            title VARCHAR, subject_kind VARCHAR, subject VARCHAR, sam_account_name VARCHAR, user_principal_name VARCHAR,
            sid VARCHAR, domain VARCHAR, netbios_domain VARCHAR, host VARCHAR, host_aliases VARCHAR[], address VARCHAR,
            port INTEGER, distinguished_name VARCHAR, evidence JSON, fix VARCHAR, audit VARCHAR, scope VARCHAR,
            as_of TIMESTAMP, source_file VARCHAR);
        CREATE TABLE alert_exposure (alert_id BIGINT, finding_key VARCHAR, finding_id VARCHAR, field VARCHAR,
            subject VARCHAR, severity VARCHAR);
        CREATE TABLE sessions (start_time TIMESTAMP, end_time TIMESTAMP, end_reason VARCHAR, computer VARCHAR,
            logon_id VARCHAR, logon_type INTEGER, account VARCHAR, account_sid VARCHAR, source_address VARCHAR,
            source_port VARCHAR, source_workstation VARCHAR, auth_package VARCHAR, logon_process VARCHAR,
            elevated BOOLEAN, rdp_session_id INTEGER, reconnects INTEGER, disconnects INTEGER, record_id UBIGINT,
            duration_seconds DOUBLE, activity JSON);
        CREATE TABLE rdp_sessions (start_time TIMESTAMP, end_time TIMESTAMP, kind VARCHAR, computer VARCHAR,
            session_id INTEGER, account VARCHAR, source_address VARCHAR, resource VARCHAR, authenticated_at TIMESTAMP,
            logon_id VARCHAR, reconnects INTEGER, disconnects INTEGER, record_id UBIGINT, activity JSON);
        CREATE TABLE failures (first_time TIMESTAMP, last_time TIMESTAMP, count BIGINT, source VARCHAR, account VARCHAR,
            target VARCHAR, reasons VARCHAR[], event_ids INTEGER[]);
        CREATE TABLE graph_nodes (id VARCHAR, kind VARCHAR, label VARCHAR, first_time TIMESTAMP, last_time TIMESTAMP,
            external BOOLEAN, has_logs BOOLEAN, privileged BOOLEAN);
        CREATE TABLE graph_edges (source VARCHAR, account VARCHAR, target VARCHAR, success BOOLEAN, count BIGINT,
            elevated BIGINT, first_time TIMESTAMP, last_time TIMESTAMP, protocols VARCHAR[], logon_types INTEGER[],
            event_ids INTEGER[]);
        CREATE TABLE graph_paths (path_id INTEGER, kind VARCHAR, hop INTEGER, source VARCHAR, target VARCHAR,
            time TIMESTAMP, accounts VARCHAR[]);
        CREATE TABLE graph_findings (kind VARCHAR, source VARCHAR, account VARCHAR, target VARCHAR, count BIGINT,
            total BIGINT, first_time TIMESTAMP, last_time TIMESTAMP, path_id INTEGER);
        """;
}
