package dev.cftokens.processor;

import com.google.auto.service.AutoService;
import com.palantir.javapoet.ClassName;
import dev.cftokens.annotations.ApiToken;
import dev.cftokens.annotations.Policies;
import dev.cftokens.annotations.Policy;
import dev.cftokens.annotations.RequestIp;
import dev.cftokens.annotations.Rotation;
import dev.cftokens.core.catalog.PermissionGroupCatalog;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.ElementFilter;

/**
 * Checks every {@code @ApiToken} interface against Cloudflare's rules and writes its provisioner.
 *
 * <p>Only wiring lives here: {@link TokenValidator} checks a declaration and builds its {@link TokenModel},
 * {@link ProvisionerWriter} writes it, {@link Reporter} counts each type's errors so that nothing is
 * written for a type with errors while the other types still are. An interface that refers to a type
 * not generated yet waits for a later round, and is reported once in the last round if still incomplete.
 * Nothing is thrown out of {@link #process}: an unexpected failure is one error on the element.
 */
@AutoService(Processor.class)
public final class ApiTokenProcessor extends AbstractProcessor {
    /** {@code -Acftokens.catalog=<path>}: a permission-group catalog that replaces the bundled one. */
    public static final String CATALOG_OPTION = "cftokens.catalog";

    private static final List<String> TOKEN_ANNOTATIONS = List.of(
            Policy.class.getCanonicalName(),
            Policies.class.getCanonicalName(),
            RequestIp.class.getCanonicalName(),
            Rotation.class.getCanonicalName());

    private DiagnosticPrinter printer;
    private CatalogOption catalogOption;
    private DeclarationIds ids;
    private ProvisionerWriter writer;
    private TokenValidator validator;
    /** Qualified names of interfaces waiting for types that later rounds may generate. */
    private Set<String> deferred;

    /** The processor; javac finds it through ServiceLoader and calls {@link #init} before any round. */
    public ApiTokenProcessor() {}

    @Override
    public synchronized void init(ProcessingEnvironment processingEnv) {
        super.init(processingEnv);
        printer = new DiagnosticPrinter(processingEnv);
        catalogOption = new CatalogOption(processingEnv.getOptions());
        ids = new DeclarationIds();
        writer = new ProvisionerWriter(processingEnv.getFiler(), processingEnv.getElementUtils());
        deferred = new LinkedHashSet<>();
    }

    @Override
    public Set<String> getSupportedAnnotationTypes() {
        Set<String> types = new LinkedHashSet<>();
        types.add(ApiToken.class.getCanonicalName());
        types.addAll(TOKEN_ANNOTATIONS);
        return types;
    }

    @Override
    public Set<String> getSupportedOptions() {
        return Set.of(CATALOG_OPTION);
    }

    @Override
    public SourceVersion getSupportedSourceVersion() {
        return SourceVersion.latestSupported();
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
        try {
            processRound(round);
        } catch (RuntimeException | LinkageError e) {
            printer.print(Message.INTERNAL_ERROR_IN_ROUND, describe(e));
        }
        // Other processors may read the same annotations.
        return false;
    }

    private void processRound(RoundEnvironment round) {
        List<TypeElement> types = new ArrayList<>();
        for (String name : deferred) {
            TypeElement type = processingEnv.getElementUtils().getTypeElement(name);
            if (type != null) {
                types.add(type);
            }
        }
        deferred.clear();
        TypeElement apiToken = processingEnv.getElementUtils().getTypeElement(ApiToken.class.getCanonicalName());
        if (apiToken != null) {
            types.addAll(ElementFilter.typesIn(round.getElementsAnnotatedWith(apiToken)));
            checkStrayAnnotations(round, apiToken);
        }
        for (TypeElement type : types) {
            List<String> unresolved = UnresolvedTypes.in(type);
            if (unresolved.isEmpty()) {
                processType(type);
            } else if (round.processingOver()) {
                // No round follows: what is still missing will never be generated. Said once, here.
                printer.print(
                        Message.UNRESOLVED_TYPE,
                        Location.of(type),
                        type.getQualifiedName(),
                        String.join(", ", unresolved));
            } else {
                deferred.add(type.getQualifiedName().toString());
            }
        }
    }

    private void processType(TypeElement type) {
        Reporter reporter = new Reporter(printer);
        try {
            Optional<TokenValidator> validator = validator();
            if (validator.isEmpty()) {
                return; // the catalog could not be read; said once already
            }
            Optional<TokenModel> model = validator.get().validate(type, reporter);
            if (model.isPresent() && reporter.isClean()) {
                writer.write(model.get());
            }
        } catch (IOException e) {
            reporter.report(
                    Message.WRITE_FAILED,
                    Location.of(type),
                    TokenModel.provisionerName(ClassName.get(type)),
                    type.getQualifiedName(),
                    e.getMessage());
        } catch (RuntimeException | LinkageError e) {
            reporter.report(Message.INTERNAL_ERROR, Location.of(type), type.getQualifiedName(), describe(e));
        }
    }

    /** Built on first use, so the catalog is read once per compilation and only when a token needs it. */
    private Optional<TokenValidator> validator() {
        if (validator == null) {
            Optional<PermissionGroupCatalog> catalog = catalogOption.catalog(printer);
            if (catalog.isEmpty()) {
                return Optional.empty();
            }
            PolicyValidator policies = new PolicyValidator(
                    catalog.get(), new PermissionGroupSuggestions(catalog.get().names()));
            validator = new TokenValidator(
                    processingEnv.getElementUtils(), processingEnv.getTypeUtils(), policies, ids, Instant.now());
        }
        return Optional.of(validator);
    }

    /** {@code @Policy}, {@code @RequestIp} or {@code @Rotation} without {@code @ApiToken} would be silently ignored: say so. */
    private void checkStrayAnnotations(RoundEnvironment round, TypeElement apiToken) {
        for (String name : TOKEN_ANNOTATIONS) {
            TypeElement annotation = processingEnv.getElementUtils().getTypeElement(name);
            if (annotation == null) {
                continue;
            }
            for (Element element : round.getElementsAnnotatedWith(annotation)) {
                if (hasAnnotation(element, apiToken)) {
                    continue;
                }
                for (AnnotationMirror mirror : element.getAnnotationMirrors()) {
                    if (mirror.getAnnotationType().asElement().equals(annotation)) {
                        String simpleName = annotation.getSimpleName().toString();
                        printer.print(
                                Message.MISSING_API_TOKEN,
                                Location.of(element, mirror),
                                simpleName.equals("Policies") ? "Policy" : simpleName,
                                element.getSimpleName());
                    }
                }
            }
        }
    }

    private static boolean hasAnnotation(Element element, TypeElement annotation) {
        for (AnnotationMirror mirror : element.getAnnotationMirrors()) {
            if (mirror.getAnnotationType().asElement().equals(annotation)) {
                return true;
            }
        }
        return false;
    }

    private static String describe(Throwable e) {
        StringBuilder text = new StringBuilder(e.toString());
        StackTraceElement[] frames = e.getStackTrace();
        for (int i = 0; i < Math.min(3, frames.length); i++) {
            text.append(i == 0 ? " at " : " < ").append(frames[i]);
        }
        return text.toString();
    }
}
