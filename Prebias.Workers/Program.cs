// Placeholder entry point; the worker host and the bench verb replace it.
return 0;
