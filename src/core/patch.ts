import { z } from 'zod';

type Patched<Shape extends z.ZodRawShape> = {
  [K in keyof Shape]: z.ZodOptional<Shape[K] extends z.ZodDefault<infer Inner> ? Inner : Shape[K]>;
};

/**
 * The body of a PATCH made from a create schema: every field optional and
 * none with a default. `.partial()` alone keeps the defaults, and a default
 * overwrites what the caller left out (a PATCH naming one field would reset
 * the others); a field given is checked exactly as on creation.
 */
export function patchSchema<Shape extends z.ZodRawShape>(
  schema: z.ZodObject<Shape>,
): z.ZodObject<Patched<Shape>> {
  const shape = Object.fromEntries(
    Object.entries(schema.shape).map(([key, field]) => [
      key,
      z.optional((field instanceof z.ZodDefault ? field.unwrap() : field) as z.ZodType),
    ]),
  );
  return z.strictObject(shape) as unknown as z.ZodObject<Patched<Shape>>;
}
