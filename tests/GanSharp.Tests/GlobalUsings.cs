global using GanSharp.Recipes.Options;
