package dev.cftokens.spring;

import dev.cftokens.runtime.Declarations;
import dev.cftokens.runtime.ProvisionedToken;
import java.util.List;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.ImportBeanDefinitionRegistrar;
import org.springframework.core.ResolvableType;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotationMetadata;

/**
 * Defines one bean per declaration, {@code cftokens.<id>} of type {@code ProvisionedToken<Declaring
 * interface>}, so that {@code @Autowired ProvisionedToken<ReadonlyToken> token} finds it by its generic
 * type. Each comes from the one startup run ({@link ProvisionedTokens}), which therefore happens before
 * any bean that injects a token is created.
 */
final class TokenBeanRegistrar implements ImportBeanDefinitionRegistrar {
    static final String DECLARATIONS_BEAN = "cftokensDeclarations";

    private final Environment environment;
    private final ClassLoader classLoader;
    private final BeanFactory beanFactory;

    TokenBeanRegistrar(Environment environment, ClassLoader classLoader, BeanFactory beanFactory) {
        this.environment = environment;
        this.classLoader = classLoader;
        this.beanFactory = beanFactory;
    }

    @Override
    public void registerBeanDefinitions(AnnotationMetadata metadata, BeanDefinitionRegistry registry) {
        List<String> wanted = Binder.get(environment)
                .bind("cftokens.declarations", Bindable.listOf(String.class))
                .orElse(List.of());
        Declarations declarations = Declarations.on(classLoader);
        List<DeclaredToken> tokens = DeclarationSelection.select(DeclarationSelection.found(declarations), wanted);
        SelectedDeclarations selected = new SelectedDeclarations(declarations, tokens);
        registry.registerBeanDefinition(
                DECLARATIONS_BEAN, new RootBeanDefinition(SelectedDeclarations.class, () -> selected));
        for (DeclaredToken token : tokens) {
            RootBeanDefinition definition = new RootBeanDefinition(ProvisionedToken.class);
            definition.setTargetType(ResolvableType.forClassWithGenerics(ProvisionedToken.class, token.tokenType()));
            definition.setInstanceSupplier(
                    () -> beanFactory.getBean(ProvisionedTokens.class).token(token.id()));
            definition.setDescription(
                    "the Cloudflare token declared by " + token.tokenType().getName());
            registry.registerBeanDefinition("cftokens." + token.id(), definition);
        }
    }
}
