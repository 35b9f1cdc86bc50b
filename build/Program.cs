// Placeholder entry until Build.cs joins the engine and the domain.
return 0;
