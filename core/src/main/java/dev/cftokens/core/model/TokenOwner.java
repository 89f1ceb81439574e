package dev.cftokens.core.model;

/** Who owns a token: the account ({@code /accounts/{id}/tokens}) or the user ({@code /user/tokens}). */
public enum TokenOwner {
    ACCOUNT,
    USER
}
