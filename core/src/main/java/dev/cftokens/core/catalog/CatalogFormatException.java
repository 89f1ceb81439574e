package dev.cftokens.core.catalog;

/** A permission-group catalog that could not be read; the message names the source and what is wrong. */
public final class CatalogFormatException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * An exception with this message.
     *
     * @param message the source and what is wrong with it
     */
    public CatalogFormatException(String message) {
        super(message);
    }

    /**
     * An exception with this message and cause.
     *
     * @param message the source and what is wrong with it
     * @param cause the I/O or JSON failure behind it
     */
    public CatalogFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
