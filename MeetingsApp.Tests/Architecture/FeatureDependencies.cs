using Mono.Cecil;
using Mono.Cecil.Cil;

namespace MeetingsApp.Tests.Architecture;

/// <summary>
/// Which feature folders of the compiled app use which: a feature is the namespace segment after <c>MeetingsApp.</c>
/// (<c>MeetingsApp.Meetings.Pages.MeetingPage</c> belongs to Meetings). Read from the IL, so razor files' global
/// usings, method bodies and lambdas count the same as a <c>using</c> at the top of a .cs file.
/// </summary>
internal static class FeatureDependencies
{
    private const string Root = "MeetingsApp";

    /// <summary>For each feature, the features it uses, each with one example "type → type" to say where.</summary>
    public static IReadOnlyDictionary<string, Dictionary<string, string>> Read()
    {
        using var module = ModuleDefinition.ReadModule(typeof(MeetingsApp.AppServices).Assembly.Location);
        var uses = new Dictionary<string, Dictionary<string, string>>();
        foreach (var type in module.GetTypes())
        {
            if (FeatureOf(type) is not { } from) continue;
            var edges = uses.TryGetValue(from, out var found) ? found : uses[from] = [];
            foreach (var used in Referenced(type))
            {
                if (FeatureOf(used) is { } to && to != from) edges.TryAdd(to, $"{Outermost(type).FullName} uses {used.FullName}");
            }
        }
        return uses;
    }

    /// <summary>The feature of a type of this app; null for framework types and for types at the root namespace.</summary>
    private static string? FeatureOf(TypeReference type)
    {
        while (type is TypeSpecification spec) type = spec.ElementType;
        var ns = Outermost(type).Namespace;
        if (ns != Root && !ns.StartsWith(Root + ".", StringComparison.Ordinal)) return null;
        if (type.Scope is AssemblyNameReference) return null; // another assembly that happens to share the prefix
        var segments = ns.Split('.');
        return segments.Length > 1 ? segments[1] : null;
    }

    private static TypeReference Outermost(TypeReference type)
    {
        while (type.DeclaringType is { } outer) type = outer;
        return type;
    }

    private static IEnumerable<TypeReference> Referenced(TypeDefinition type)
    {
        if (type.BaseType is { } baseType) foreach (var t in Expand(baseType)) yield return t;
        foreach (var i in type.Interfaces) foreach (var t in Expand(i.InterfaceType)) yield return t;
        foreach (var a in type.CustomAttributes) yield return a.AttributeType;
        foreach (var field in type.Fields) foreach (var t in Expand(field.FieldType)) yield return t;
        foreach (var property in type.Properties)
        {
            foreach (var t in Expand(property.PropertyType)) yield return t;
            foreach (var a in property.CustomAttributes) yield return a.AttributeType;
        }
        foreach (var method in type.Methods)
        {
            foreach (var t in Expand(method.ReturnType)) yield return t;
            foreach (var p in method.Parameters) foreach (var t in Expand(p.ParameterType)) yield return t;
            if (!method.HasBody) continue;
            foreach (var v in method.Body.Variables) foreach (var t in Expand(v.VariableType)) yield return t;
            foreach (var instruction in method.Body.Instructions)
            {
                var operand = instruction.Operand switch
                {
                    TypeReference t => t,
                    MemberReference m => m.DeclaringType,
                    _ => null,
                };
                if (operand is not null) foreach (var t in Expand(operand)) yield return t;
                if (instruction.Operand is MethodReference { } called)
                {
                    foreach (var t in Expand(called.ReturnType)) yield return t;
                    if (called is GenericInstanceMethod generic) foreach (var a in generic.GenericArguments) foreach (var t in Expand(a)) yield return t;
                }
                if (instruction.OpCode == OpCodes.Ldtoken && instruction.Operand is MemberReference { DeclaringType: { } owner })
                    yield return owner;
            }
        }
    }

    /// <summary>A type with everything it is built of: <c>Task&lt;List&lt;Meeting&gt;&gt;</c> gives Task, List and Meeting.</summary>
    private static IEnumerable<TypeReference> Expand(TypeReference type)
    {
        yield return type;
        switch (type)
        {
            case GenericInstanceType generic:
                yield return generic.ElementType;
                foreach (var argument in generic.GenericArguments) foreach (var t in Expand(argument)) yield return t;
                break;
            case TypeSpecification spec:
                foreach (var t in Expand(spec.ElementType)) yield return t;
                break;
        }
    }
}
