/** Wire schemas of the compose-gen operations (names follow the reference; descriptions are our own; bounds: docs/limits.md). */
import { z } from 'zod';
import { LIMITS, list, text } from '#shared/schemas/common.ts';

/** Registry access tokens (GitHub, ECR) run to a few kilobytes. */
const SECRET_MAX = LIMITS.description;
/** host/path:tag@digest: 255 for the repository plus room for host, tag and digest. */
const IMAGE_MAX = 512;

const registryFields = {
  imageRegistry: text(LIMITS.name).meta({
    description: 'Registry host, e.g. `docker.io` (also when empty), `ghcr.io`, `127.0.0.1:5000`; a host at the front of `image` wins.',
  }),
  image: text(IMAGE_MAX)
    .trim()
    .min(1, 'must not be empty')
    .meta({ description: 'Image name with its tag or digest (`mysql:5.7`, `org/app@sha256:…`); the tag defaults to `latest`.' }),
  username: text(LIMITS.name).optional().meta({ description: 'Registry user name.' }),
  password: text(SECRET_MAX).optional().meta({ description: 'Registry password or access token.' }),
};

export const CheckIfContainerImageAccessibleQuery = z.object(registryFields);

export const CheckIfContainerImageAccessibleResult = z
  .object({
    imageAccessible: z.boolean().meta({ description: 'Whether the manifest of the image could be read with the given credentials.' }),
    errorMsg: z.string().optional().meta({ description: 'Why not; contains `cannot read image` when the registry refused access.' }),
  })
  .meta({ id: 'CheckIfContainerImageAccessibleResult' });

/** Like resource-config's EnvironmentVariable (the document's component of that name), with a stricter key. */
const ComposeEnvironmentVariable = z.object({
  key: text(LIMITS.name)
    .min(1, 'must not be empty')
    .regex(/^[^=\s]+$/, 'must not contain `=` or white space'),
  value: text(LIMITS.description),
});

export const GenerateComposeSpecFromContainerImageRequest = z
  .object({
    ...registryFields,
    environmentVariables: list(ComposeEnvironmentVariable, 200)
      .optional()
      .meta({ description: 'Variables the image needs to run; each becomes an API parameter defaulting to the value.' }),
  })
  .meta({ id: 'GenerateComposeSpecFromContainerImageRequest2' });

export const GenerateComposeSpecFromContainerImageResult = z
  .object({
    fileContent: z.string().meta({ description: 'The compose spec (YAML), base64-encoded.' }),
  })
  .meta({ id: 'GenerateComposeSpecFromContainerImageResult' });
