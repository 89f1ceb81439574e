package dev.cftokens.processor;

/** A string written in an annotation, with where it was written for diagnostics. */
record AnnotatedString(String value, Location location) {}
