using System.Data.Common;

namespace MeetingsApp.EventStore;

/// <summary>
/// Builds ADO.NET commands in one expression, <c>connection.GetCommand(sql, tx).Add("@name", value)</c>, as Eventuous'
/// SQL stores do: every plain-SQL path of the store, the bench and the tests binds its parameters this way.
/// </summary>
public static class DbCommandExtensions
{
    public static DbCommand GetCommand(this DbConnection connection, string sql, DbTransaction? tx = null)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = tx;
        return command;
    }

    public static DbCommand Add(this DbCommand command, string name, object? value)
    {
        command.AddParameter(name, value);
        return command;
    }

    /// <summary>Adds a parameter and returns it, for a statement that runs many times with new values.</summary>
    public static DbParameter AddParameter(this DbCommand command, string name, object? value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value ?? DBNull.Value;
        command.Parameters.Add(parameter);
        return parameter;
    }

    /// <summary>The same for one statement of a <see cref="DbBatch"/>.</summary>
    public static DbBatchCommand Add(this DbBatchCommand command, string name, object? value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value ?? DBNull.Value;
        command.Parameters.Add(parameter);
        return command;
    }

    public static async Task<int> ExecuteAsync(this DbConnection connection, string sql, DbTransaction? tx, CancellationToken ct)
    {
        await using var command = connection.GetCommand(sql, tx);
        return await command.ExecuteNonQueryAsync(ct);
    }
}
