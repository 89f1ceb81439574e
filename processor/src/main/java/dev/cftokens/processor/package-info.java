/**
 * The cftokens annotation processor: checks every {@code @ApiToken} interface against Cloudflare's rules
 * at compile time and writes its {@code <Interface>Provisioner}.
 *
 * <p>One class per step, as AutoFactory and MapStruct are built: {@link
 * dev.cftokens.processor.ApiTokenProcessor} only wires them; {@code TokenValidator}, {@code
 * PolicyValidator} and {@code RequestIpValidator} check a declaration with the rules of {@code
 * dev.cftokens.core.rules} and build an immutable {@code TokenModel}; {@code ProvisionerWriter} turns the
 * model into source with JavaPoet. Every diagnostic is a {@code Message}, printed by {@code
 * DiagnosticPrinter} on the exact annotation value and counted per type by {@code Reporter}.
 * Only {@link dev.cftokens.processor.ApiTokenProcessor} is public.
 */
package dev.cftokens.processor;
