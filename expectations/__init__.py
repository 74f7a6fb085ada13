"""Great Expectations suites over the warehouse marts, kept as code."""
