using Microsoft.Data.Sqlite;
using static GanSharp.Serve.Study.StudyStore;

namespace GanSharp.Serve.Study;

/// <summary>
/// Trials of a study: each rater sees every image once (single mode) or every generated image once
/// beside a real one of the same run (pair mode), in random order; a trial issued and not answered
/// (the page was reloaded) is issued again rather than skipped. Answers are checked against the
/// trial's rater and mode and stored once.
/// </summary>
public sealed class StudyTrials(StudyStore store)
{
    /// <summary>The rater's next trial, or null when they have answered all of them.</summary>
    public Trial? Next(StudyInfo study, string rater, Random random)
    {
        using var connection = store.Open();
        using var transaction = connection.BeginTransaction();   // immediate: two pages of one rater never get one image twice
        long total = Scalar(connection, transaction, study.Mode == StudyModes.Pair
            ? "SELECT count(*) FROM images WHERE study_id = $s AND real = 0" : "SELECT count(*) FROM images WHERE study_id = $s", ("$s", study.Id));
        long done = Scalar(connection, transaction, "SELECT count(*) FROM trials WHERE study_id = $s AND rater = $r AND answer IS NOT NULL", ("$s", study.Id), ("$r", rater));
        var pending = Pending(connection, transaction, study, rater) ?? Issue(connection, transaction, study, rater, random);
        transaction.Commit();
        return pending is var (id, image, other, truth)
            ? new Trial(id, other is long o ? (truth == "left" ? new[] { o, image } : new[] { image, o }) : new[] { image }, study.Mode, study.Seconds, StudyModes.Answers(study.Mode), (int)done, (int)total)
            : null;
    }

    private static (long Id, long Image, long? Other, string Truth)? Pending(SqliteConnection c, SqliteTransaction t, StudyInfo study, string rater)
    {
        using var reader = Command(c, t, "SELECT id, image_id, other_id, truth FROM trials WHERE study_id = $s AND rater = $r AND answer IS NULL ORDER BY id LIMIT 1",
            ("$s", study.Id), ("$r", rater)).ExecuteReader();
        return reader.Read() ? (reader.GetInt64(0), reader.GetInt64(1), reader.IsDBNull(2) ? null : reader.GetInt64(2), reader.GetString(3)) : null;
    }

    private static (long, long, long?, string)? Issue(SqliteConnection c, SqliteTransaction t, StudyInfo study, string rater, Random random)
    {
        bool pair = study.Mode == StudyModes.Pair;
        var unseen = Ids(c, t, $"SELECT id FROM images WHERE study_id = $s {(pair ? "AND real = 0" : "")} AND id NOT IN (SELECT image_id FROM trials WHERE study_id = $s AND rater = $r) ORDER BY id", study.Id, rater);
        if (unseen.Count == 0) return null;
        long image = unseen[random.Next(unseen.Count)];
        long? other = null;
        string truth;
        if (pair)
        {
            // A real image of the same run, one the rater has not been shown yet while there are any.
            const string SameRun = "SELECT id FROM images WHERE study_id = $s AND real = 1 AND run = (SELECT run FROM images WHERE id = $i)";
            var reals = Ids(c, t, SameRun + " AND id NOT IN (SELECT other_id FROM trials WHERE study_id = $s AND rater = $r AND other_id IS NOT NULL) ORDER BY id", study.Id, rater, image);
            if (reals.Count == 0) reals = Ids(c, t, SameRun + " ORDER BY id", study.Id, rater, image);
            if (reals.Count == 0) throw new GanSharpException($"study {study.Name} has no real image for a pair");
            other = reals[random.Next(reals.Count)];
            truth = random.Next(2) == 0 ? "left" : "right";   // the side of the real image
        }
        else truth = Scalar(c, t, "SELECT real FROM images WHERE id = $i", ("$i", image)) == 1 ? "real" : "fake";
        long id = Scalar(c, t, "INSERT INTO trials (study_id, rater, image_id, other_id, truth, issued) VALUES ($s, $r, $i, $o, $truth, $now) RETURNING id",
            ("$s", study.Id), ("$r", rater), ("$i", image), ("$o", other is long o ? o : DBNull.Value), ("$truth", truth), ("$now", DateTimeOffset.UtcNow.ToString("O")));
        return (id, image, other, truth);
    }

    private static List<long> Ids(SqliteConnection c, SqliteTransaction t, string sql, long study, string rater, long image = 0)
    {
        var ids = new List<long>();
        using var reader = Command(c, t, sql, ("$s", study), ("$r", rater), ("$i", image)).ExecuteReader();
        while (reader.Read()) ids.Add(reader.GetInt64(0));
        return ids;
    }

    /// <summary>Stores the rater's answer to their trial, once; <paramref name="millis"/> is how long they looked, as the page measured it.</summary>
    public AnswerOutcome Answer(StudyInfo study, long trial, string rater, string answer, int millis)
    {
        if (!StudyModes.Answers(study.Mode).Contains(answer) || millis < 0 || millis > 3_600_000) return AnswerOutcome.NotAnAnswer;
        using var connection = store.Open();
        using var transaction = connection.BeginTransaction();
        using var update = Command(connection, transaction,
            "UPDATE trials SET answer = $a, millis = $m, answered = $now WHERE id = $id AND study_id = $s AND rater = $r AND answer IS NULL",
            ("$a", answer), ("$m", millis), ("$now", DateTimeOffset.UtcNow.ToString("O")), ("$id", trial), ("$s", study.Id), ("$r", rater));
        int changed = update.ExecuteNonQuery();
        var outcome = changed == 1 ? AnswerOutcome.Recorded
            : Scalar(connection, transaction, "SELECT count(*) FROM trials WHERE id = $id AND study_id = $s AND rater = $r", ("$id", trial), ("$s", study.Id), ("$r", rater)) == 1
                ? AnswerOutcome.AlreadyAnswered : AnswerOutcome.NoSuchTrial;
        transaction.Commit();
        return outcome;
    }

    /// <summary>Every answered trial of the study, oldest first.</summary>
    public IReadOnlyList<Rating> Ratings(StudyInfo study)
    {
        using var connection = store.Open();
        using var reader = Command(connection, null,
            "SELECT t.id, t.rater, i.run, t.image_id, i.real, i.label, t.other_id, t.truth, t.answer, t.millis, t.answered " +
            "FROM trials t JOIN images i ON i.id = t.image_id WHERE t.study_id = $s AND t.answer IS NOT NULL ORDER BY t.id", ("$s", study.Id)).ExecuteReader();
        var ratings = new List<Rating>();
        while (reader.Read())
            ratings.Add(new Rating(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetInt64(3), reader.GetInt64(4) == 1,
                reader.IsDBNull(5) ? null : reader.GetInt32(5), reader.IsDBNull(6) ? null : reader.GetInt64(6), reader.GetString(7), reader.GetString(8),
                reader.GetInt32(9), DateTimeOffset.Parse(reader.GetString(10))));
        return ratings;
    }
}
