using System.Text;
using static EfSafeMigrations.Scripts.Internal.ScriptSql;

namespace EfSafeMigrations.Scripts.Internal;

/// <summary>
/// The post-deployment phase in a script (docs/expand-contract.md): each post-deployment migration is guarded with psql's <c>\if</c>
/// so it runs only when the script is run with <c>-v post_deployment=true</c>, or on a database with no migration applied (no old
/// application version can be running there, as <c>MigrateSafelyAsync</c> decides); otherwise psql prints that it was skipped.
/// </summary>
internal static class ScriptPostDeployment
{
    private const string Variable = "esm_post_deployment";

    /// <summary>Decides once, before the journal check, whether this run applies post-deployment migrations.</summary>
    public static void WriteDecision(StringBuilder text, ScriptPlan plan, ScriptSql sql)
    {
        if (!plan.Migrations.Any(m => m.PostDeployment))
        {
            return;
        }

        text.AppendLine("-- Post-deployment migrations run only with psql -v post_deployment=true (after the rollout), or on a database with no")
            .AppendLine("-- migration applied yet.")
            .AppendLine("\\if :{?post_deployment}")
            .AppendLine("\\else")
            .AppendLine("\\set post_deployment false")
            .AppendLine("\\endif")
            .Append("SELECT (:'post_deployment')::boolean OR NOT EXISTS (SELECT 1 FROM ").Append(sql.HistoryTable).Append(") AS ").Append(Variable)
            .AppendLine(" \\gset")
            .AppendLine();
    }

    public static void BeginMigration(StringBuilder text, ScriptMigration migration)
    {
        if (migration.PostDeployment)
        {
            text.Append("\\if :").AppendLine(Variable);
        }
    }

    public static void EndMigration(StringBuilder text, ScriptMigration migration)
    {
        if (!migration.PostDeployment)
        {
            return;
        }

        text.AppendLine("\\else")
            .Append("\\echo ").AppendLine(Literal(
                $"EfSafeMigrations: post-deployment migration {migration.Id} skipped; once the rollout has finished, run the script " +
                "again with -v post_deployment=true (an idempotent script skips what is applied), or run migrate --post-deployment."))
            .AppendLine("\\endif");
    }

    /// <summary>The header's lines about it: which migrations, and how to run them.</summary>
    public static IEnumerable<string> HeaderLines(ScriptPlan plan)
    {
        var post = plan.Migrations.Where(m => m.PostDeployment).Select(m => m.Id).ToList();
        if (post.Count == 0)
        {
            yield break;
        }

        yield return $"- Post-deployment migrations ({string.Join(", ", post)}) run only with psql -v post_deployment=true, once";
        yield return "  the rollout of the new application version has finished (or on a database with no migration applied);";
        yield return "  otherwise psql prints that each was skipped and the script goes on with the rest. Run it twice: at deployment,";
        yield return "  then after the rollout with -v post_deployment=true (an idempotent script; a plain one stops on what it applied).";
    }
}
