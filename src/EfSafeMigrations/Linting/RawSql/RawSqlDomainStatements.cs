namespace EfSafeMigrations.Linting.RawSql;

/// <summary>ALTER DOMAIN in raw SQL: constraints that check every column of the domain (ESM0049), and their validation.</summary>
internal static class RawSqlDomainStatements
{
    /// <summary>After <c>ALTER DOMAIN</c>.</summary>
    public static void ScanAlterDomain(StatementContext context, SqlTokenCursor cursor)
    {
        var domain = cursor.ReadName();
        if (domain is null)
        {
            return;
        }

        // A domain created earlier in the migration is used only by columns of tables created with it: all empty.
        var isNew = context.State.NewTypes.Contains(domain.Name);
        if (cursor.Accept("add"))
        {
            var name = cursor.Accept("constraint") ? cursor.ReadName()?.Name ?? "(unnamed)" : "(unnamed)";
            if (RawSqlConstraintDefinition.HasNotValid(cursor))
            {
                context.State.NotValidInOpenTransaction.Add(name);
            }
            else if (!isNew)
            {
                context.Report(RuleCatalog.DomainConstraintWithoutNotValid, context.Statement.Summary, domain.ToString());
            }
        }
        else if (cursor.Accept("set", "not", "null") && !isNew)
        {
            context.Report(RuleCatalog.DomainConstraintWithoutNotValid, context.Statement.Summary, domain.ToString());
        }
        else if (cursor.Accept("validate", "constraint") && cursor.ReadName() is { } constraint
                 && context.State.NotValidInOpenTransaction.Contains(constraint.Name))
        {
            context.Report(RuleCatalog.ValidateInSameTransaction, constraint.Name, "domain " + domain);
        }
    }
}
