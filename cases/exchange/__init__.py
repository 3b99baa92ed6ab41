"""Moving cases in and out of the platform: column definitions, file writers, exports, imports."""
