package dev.cftokens.spring;

import static java.util.Objects.requireNonNull;

import dev.cftokens.runtime.TokenRotation;
import org.springframework.context.ApplicationEvent;

/**
 * Published when a token bean moved to its declaration's next generation (a rotation, here or in another
 * instance, or a replace applied elsewhere): the bean's {@code value()} already returns the new value, so
 * a listener rebuilds what holds the old one. Published on cftokens' refresh thread.
 */
public class TokenRotatedEvent extends ApplicationEvent {
    private static final long serialVersionUID = 1L;

    private final transient TokenRotation rotation;

    /**
     * An event for {@code rotation}.
     *
     * @param source the application's tokens
     * @param rotation which declaration moved from which token to which
     */
    public TokenRotatedEvent(ProvisionedTokens source, TokenRotation rotation) {
        super(source);
        this.rotation = requireNonNull(rotation, "rotation");
    }

    /** {@return which declaration moved from which token to which; never a value} */
    public TokenRotation rotation() {
        return rotation;
    }

    @Override
    public String toString() {
        return "TokenRotatedEvent[" + rotation + "]";
    }
}
