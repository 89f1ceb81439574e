package dev.cftokens.runtime.internal.provision;

/**
 * What a run does with a token that has a declaration's owner, account, name and grants but that this
 * state did not create (another state's, another machine's, an earlier container's).
 *
 * @param adoptUnrecorded take such a token for the declaration instead of leaving it alone and creating
 *     another
 * @param rollAdopted roll such a token when its value must be handed back; off by default, since any
 *     other holder of the value (another instance of the service) would lose it
 */
public record Adoption(boolean adoptUnrecorded, boolean rollAdopted) {
    /** The default: adopt, never roll what was adopted. */
    public static final Adoption DEFAULT = new Adoption(true, false);

    /**
     * {@return this choice with {@code adoptUnrecorded} set}
     *
     * @param adopt whether to adopt unrecorded tokens
     */
    public Adoption withAdoptUnrecorded(boolean adopt) {
        return new Adoption(adopt, rollAdopted);
    }

    /**
     * {@return this choice with {@code rollAdopted} set}
     *
     * @param roll whether adopted tokens may be rolled
     */
    public Adoption withRollAdopted(boolean roll) {
        return new Adoption(adoptUnrecorded, roll);
    }
}
