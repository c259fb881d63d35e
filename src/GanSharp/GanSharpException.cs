namespace GanSharp;

/// <summary>
/// An error the user can act on: bad input file, invalid option, unusable device, corrupt checkpoint.
/// The message says what is wrong and where; the CLI prints it without a stack trace.
/// </summary>
public class GanSharpException(string message, Exception? inner = null) : Exception(message, inner);
