package dev.cftokens.core.catalog;

/** A permission-group catalog that could not be read; the message names the source and what is wrong. */
public final class CatalogFormatException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public CatalogFormatException(String message) {
        super(message);
    }

    public CatalogFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
