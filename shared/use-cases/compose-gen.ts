/**
 * Use cases of the compose-gen group (one per operationId): questions to a container registry, answered
 * without touching the table. Registry calls go through the registry port (shared/registries/registry.ts)
 * under one overall deadline (REGISTRY_DEADLINE_MS); a registry's failure is never our 5xx: the check answers
 * `imageAccessible: false` with the reason, the generation a 400 (404 when the image does not exist).
 */
import type { z } from 'zod';
import { config } from '#shared/config.ts';
import { BadRequest, NotFound } from '#shared/errors.ts';
import {
  composeSpec,
  imageName,
  parseImageReference,
  pickPlatform,
  readImageConfig,
  readManifest,
  type ImageLocation,
} from '#shared/domain/container-image.ts';
import { registry, RegistryFailure, type RegistryCredentials } from '#shared/registries/registry.ts';
import type {
  CheckIfContainerImageAccessibleQuery,
  CheckIfContainerImageAccessibleResult,
  GenerateComposeSpecFromContainerImageRequest,
  GenerateComposeSpecFromContainerImageResult,
} from '#shared/schemas/compose-gen.ts';

type ImageRequest = z.output<typeof CheckIfContainerImageAccessibleQuery>;

const credentialsOf = (r: Pick<ImageRequest, 'username' | 'password'>): RegistryCredentials => ({
  ...(r.username ? { username: r.username } : {}),
  ...(r.password ? { password: r.password } : {}),
});

/** The sentence a client reads; an auth failure always says `cannot read image` (clients match that text). */
function reasonOf(e: RegistryFailure, loc: ImageLocation): string {
  const name = imageName(loc);
  switch (e.kind) {
    case 'unauthorized':
      return `cannot read image ${name}: ${e.message} (check the user name and password)`;
    case 'not-found':
      return `image ${name} does not exist: ${e.message}`;
    default:
      return `cannot check image ${name}: ${e.message}`;
  }
}

export async function checkIfContainerImageAccessible(
  query: ImageRequest,
): Promise<z.input<typeof CheckIfContainerImageAccessibleResult>> {
  const loc = parseImageReference(query.imageRegistry, query.image);
  try {
    await registry().manifest(loc, loc.reference, credentialsOf(query), AbortSignal.timeout(config.registryDeadlineMs));
    return { imageAccessible: true };
  } catch (e) {
    if (e instanceof RegistryFailure) return { imageAccessible: false, errorMsg: reasonOf(e, loc) };
    throw e;
  }
}

/** Manifest → (index → one platform's manifest) → config blob → the ports and env the image declares. */
async function readConfig(loc: ImageLocation, credentials: RegistryCredentials) {
  const port = registry();
  const signal = AbortSignal.timeout(config.registryDeadlineMs);
  const first = await port.manifest(loc, loc.reference, credentials, signal);
  let content = readManifest(first.body, first.contentType);
  if (content.kind === 'index') {
    const chosen = await port.manifest(loc, pickPlatform(content.manifests), credentials, signal);
    content = readManifest(chosen.body, chosen.contentType);
    if (content.kind !== 'image') throw new Error('the registry answered an image index inside an image index');
  }
  return readImageConfig((await port.blob(loc, content.configDigest, credentials, signal)).toString('utf8'));
}

export async function generateComposeSpecFromContainerImage(
  body: z.output<typeof GenerateComposeSpecFromContainerImageRequest>,
): Promise<z.input<typeof GenerateComposeSpecFromContainerImageResult>> {
  const loc = parseImageReference(body.imageRegistry, body.image);
  const credentials = credentialsOf(body);
  let imageConfig;
  try {
    imageConfig = await readConfig(loc, credentials);
  } catch (e) {
    if (e instanceof RegistryFailure) {
      if (e.kind === 'not-found') throw new NotFound(`image ${imageName(loc)}`);
      throw new BadRequest(reasonOf(e, loc));
    }
    // The manifest or config could not be read (not JSON, unsupported media type): the image is not usable.
    throw new BadRequest(`cannot read image ${imageName(loc)}: ${(e as Error).message}`);
  }
  const yaml = composeSpec({
    location: loc,
    config: imageConfig,
    environmentVariables: body.environmentVariables ?? [],
    ...(body.username ? { credentials: { username: body.username, password: body.password ?? '' } } : {}),
  });
  return { fileContent: Buffer.from(yaml, 'utf8').toString('base64') };
}
