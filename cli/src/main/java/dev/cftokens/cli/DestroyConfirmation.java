package dev.cftokens.cli;

import java.util.Locale;

/**
 * {@code destroy} with no ids deletes every token the state records: on a terminal it asks first, as
 * Terraform does; {@code --yes} answers for scripts; without a terminal and without {@code --yes} it refuses
 * at once rather than wait for an answer that cannot come.
 */
final class DestroyConfirmation {
    private DestroyConfirmation() {}

    /** @throws UsageException when the destroy is not confirmed, saying how to confirm it */
    static void confirm(boolean yes, Terminal terminal, String state) {
        if (yes) {
            return;
        }
        if (!terminal.interactive()) {
            throw new UsageException("destroy without ids deletes every token recorded in " + state
                    + " from Cloudflare, and there is no terminal to confirm on; give --yes to do so, or name the"
                    + " declarations whose tokens to destroy");
        }
        String answer =
                terminal.ask("Delete every token recorded in " + state + " from Cloudflare?" + " Only 'yes' goes on: ");
        if (answer == null || !answer.strip().toLowerCase(Locale.ROOT).equals("yes")) {
            throw new UsageException("destroy cancelled; nothing was deleted");
        }
    }
}
