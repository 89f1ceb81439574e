package dev.cftokens.runtime.provision;

/** Whether a plan or apply is given the application's full set of declarations or only some of them. */
public enum DeclarationScope {
    /**
     * The application's full set: recorded tokens absent from it are planned for deletion, and so are the
     * leftovers of every earlier run's unrecorded create.
     */
    COMPLETE,
    /**
     * Some declarations only (such as one provisioner at startup, or a command line that could not load
     * every declaration): nothing outside them is deleted.
     */
    PARTIAL
}
