using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace GanSharp.Serve.Study;

/// <summary>
/// Studies, their images and every trial in one SQLite file. Each call opens its own connection
/// (the server answers requests in parallel) and each change is one transaction, so an answer
/// is either stored whole or not at all, whatever kills the process.
/// </summary>
public sealed class StudyStore
{
    public const string FileName = "studies.db";

    public string Path { get; }
    private readonly string connectionString;

    private StudyStore(string path)
    {
        Path = path;
        connectionString = new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadWriteCreate, ForeignKeys = true }.ToString();
    }

    /// <summary>The studies file of a runs folder (made on first use).</summary>
    public static StudyStore In(string runsFolder) => Open(System.IO.Path.Combine(runsFolder, FileName));

    public static StudyStore Open(string path)
    {
        var store = new StudyStore(path);
        using var connection = store.Connect();
        StudySchema.Ensure(connection, path);
        return store;
    }

    private SqliteConnection Connect()
    {
        var connection = new SqliteConnection(connectionString);
        connection.Open();
        new SqliteCommand("PRAGMA busy_timeout = 5000;", connection).ExecuteNonQuery();   // wait for another writer instead of failing
        return connection;
    }

    /// <summary>Stores a new study with its images in shuffled order (ids then say nothing about which are real).</summary>
    public StudyInfo Create(string name, string mode, double seconds, IReadOnlyList<StudyRun> runs, IReadOnlyList<StudyImage> images, Random random)
    {
        CheckOptions(name, mode, seconds);
        using var connection = Connect();
        using var transaction = connection.BeginTransaction();
        if (Scalar(connection, transaction, "SELECT count(*) FROM studies WHERE name = $name", ("$name", name)) > 0)
            throw new GanSharpException($"{Path} already has a study named {name}: pick another --name");
        long id = Scalar(connection, transaction, "INSERT INTO studies (name, mode, seconds, created) VALUES ($name, $mode, $seconds, $created) RETURNING id",
            ("$name", name), ("$mode", mode), ("$seconds", seconds), ("$created", DateTimeOffset.UtcNow.ToString("O")));
        foreach (var run in runs)
            Execute(connection, transaction, "INSERT INTO study_runs (study_id, run, step, class_names) VALUES ($s, $run, $step, $classes)",
                ("$s", id), ("$run", run.Run), ("$step", run.Step), ("$classes", run.ClassNames is null ? DBNull.Value : JsonSerializer.Serialize(run.ClassNames)));
        foreach (var image in images.OrderBy(_ => random.Next()))
            Execute(connection, transaction, "INSERT INTO images (study_id, run, real, label, png) VALUES ($s, $run, $real, $label, $png)",
                ("$s", id), ("$run", image.Run), ("$real", image.Real ? 1 : 0), ("$label", image.Label is int l ? l : DBNull.Value), ("$png", image.Png));
        transaction.Commit();
        return Find(name)!;
    }

    /// <summary>A study's name, mode and display time, or an error naming the option that is wrong.</summary>
    public static void CheckOptions(string name, string mode, double seconds)
    {
        if (!IsStudyName(name)) throw new GanSharpException($"--name '{name}': a study name is letters, digits, '-' and '_' (at most 64)");
        if (!StudyModes.All.Contains(mode)) throw new GanSharpException($"--mode is one of {string.Join(", ", StudyModes.All)}, not {mode}");
        if (!(seconds >= 0) || seconds > 600) throw new GanSharpException($"--seconds must be between 0 (until answered) and 600, got {seconds}");
    }

    public IReadOnlyList<StudyInfo> Studies()
    {
        using var connection = Connect();
        var names = new List<string>();
        using (var reader = new SqliteCommand("SELECT name FROM studies ORDER BY id", connection).ExecuteReader())
            while (reader.Read()) names.Add(reader.GetString(0));
        return names.Select(n => Find(n)!).ToList();
    }

    /// <summary>The study named <paramref name="name"/>, or null.</summary>
    public StudyInfo? Find(string? name)
    {
        if (!IsStudyName(name)) return null;
        using var connection = Connect();
        using var command = Command(connection, null, "SELECT id, mode, seconds, created, (SELECT count(*) FROM images WHERE study_id = studies.id) FROM studies WHERE name = $name", ("$name", name!));
        using var reader = command.ExecuteReader();
        if (!reader.Read()) return null;
        long id = reader.GetInt64(0);
        var runs = new List<StudyRun>();
        using (var r = Command(connection, null, "SELECT run, step, class_names FROM study_runs WHERE study_id = $s ORDER BY run", ("$s", id)).ExecuteReader())
            while (r.Read()) runs.Add(new StudyRun(r.GetString(0), r.GetInt64(1), r.IsDBNull(2) ? null : JsonSerializer.Deserialize<List<string>>(r.GetString(2))));
        return new StudyInfo(id, name!, reader.GetString(1), reader.GetDouble(2), DateTimeOffset.Parse(reader.GetString(3)), runs, reader.GetInt32(4));
    }

    /// <summary>A PNG of the study, or null.</summary>
    public byte[]? Image(StudyInfo study, long imageId)
    {
        using var connection = Connect();
        using var command = Command(connection, null, "SELECT png FROM images WHERE id = $id AND study_id = $s", ("$id", imageId), ("$s", study.Id));
        return command.ExecuteScalar() as byte[];
    }

    public static bool IsStudyName(string? name) =>
        !string.IsNullOrEmpty(name) && name.Length <= 64 && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    /// <summary>A rater id: what the page asks for, 1–64 printable characters.</summary>
    public static bool IsRaterName(string? rater) => !string.IsNullOrWhiteSpace(rater) && rater.Length <= 64 && !rater.Any(char.IsControl);

    internal SqliteConnection Open() => Connect();

    internal static SqliteCommand Command(SqliteConnection connection, SqliteTransaction? transaction, string sql, params (string Name, object Value)[] parameters)
    {
        var command = new SqliteCommand(sql, connection, transaction);
        foreach (var (n, v) in parameters) command.Parameters.AddWithValue(n, v);
        return command;
    }

    internal static long Scalar(SqliteConnection connection, SqliteTransaction? transaction, string sql, params (string, object)[] parameters)
    {
        using var command = Command(connection, transaction, sql, parameters);
        return Convert.ToInt64(command.ExecuteScalar());
    }

    internal static void Execute(SqliteConnection connection, SqliteTransaction? transaction, string sql, params (string, object)[] parameters)
    {
        using var command = Command(connection, transaction, sql, parameters);
        command.ExecuteNonQuery();
    }
}
