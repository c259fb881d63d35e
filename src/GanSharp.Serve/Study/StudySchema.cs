using Microsoft.Data.Sqlite;

namespace GanSharp.Serve.Study;

/// <summary>
/// The studies database (RUNS/studies.db), schema version 1. A newer version is refused with a
/// message rather than read wrongly; an older one would be migrated here, step by step, in one transaction.
/// </summary>
internal static class StudySchema
{
    public const int Version = 1;

    private const string V1 = """
        CREATE TABLE studies (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL UNIQUE,
            mode TEXT NOT NULL CHECK (mode IN ('single', 'pair')),
            seconds REAL NOT NULL CHECK (seconds >= 0),
            created TEXT NOT NULL);
        CREATE TABLE study_runs (
            study_id INTEGER NOT NULL REFERENCES studies(id),
            run TEXT NOT NULL,
            step INTEGER NOT NULL,
            class_names TEXT,
            PRIMARY KEY (study_id, run));
        CREATE TABLE images (
            id INTEGER PRIMARY KEY,
            study_id INTEGER NOT NULL REFERENCES studies(id),
            run TEXT NOT NULL,
            real INTEGER NOT NULL CHECK (real IN (0, 1)),
            label INTEGER,
            png BLOB NOT NULL);
        CREATE TABLE trials (
            id INTEGER PRIMARY KEY,
            study_id INTEGER NOT NULL REFERENCES studies(id),
            rater TEXT NOT NULL,
            image_id INTEGER NOT NULL REFERENCES images(id),
            other_id INTEGER REFERENCES images(id),
            truth TEXT NOT NULL,
            answer TEXT,
            millis INTEGER,
            issued TEXT NOT NULL,
            answered TEXT);
        CREATE INDEX trials_of_rater ON trials (study_id, rater);
        CREATE INDEX images_of_study ON images (study_id, run, real);
        """;

    /// <summary>Creates the tables in a new file, checks the version of an existing one.</summary>
    public static void Ensure(SqliteConnection connection, string path)
    {
        Execute(connection, "PRAGMA journal_mode = WAL;");   // answers commit without blocking readers; a kill loses no committed one
        long version = (long)new SqliteCommand("PRAGMA user_version;", connection).ExecuteScalar()!;
        if (version == Version) return;
        if (version > Version)
            throw new GanSharpException($"{path} has study schema version {version}; this GanSharp reads up to {Version}: use a newer gan");
        if ((long)new SqliteCommand("SELECT count(*) FROM sqlite_master;", connection).ExecuteScalar()! > 0)
            throw new GanSharpException($"{path} is an SQLite file with tables of its own, not a GanSharp studies file: move it away");
        using var transaction = connection.BeginTransaction();
        Execute(connection, V1, transaction);
        Execute(connection, $"PRAGMA user_version = {Version};", transaction);
        transaction.Commit();
    }

    public static void Execute(SqliteConnection connection, string sql, SqliteTransaction? transaction = null)
    {
        using var command = new SqliteCommand(sql, connection, transaction);
        command.ExecuteNonQuery();
    }
}
