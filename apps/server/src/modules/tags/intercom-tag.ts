import { Type } from 'typebox';

const nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) => Type.Union([schema, Type.Null()]);

export const intercomTag = Type.Object({ type: Type.Literal('tag'), id: Type.String(), name: Type.String() });

/** A tag as attached to something: when and by whom. */
export const intercomAppliedTag = Type.Object({
  ...intercomTag.properties,
  applied_at: nullable(Type.Integer()),
  applied_by: nullable(Type.Object({ type: Type.Literal('admin'), id: Type.String() })),
});

export const intercomTagList = Type.Object({ type: Type.Literal('list'), data: Type.Array(intercomAppliedTag) });

export interface TagLike {
  id: string;
  name: string;
}

export interface AppliedTag extends TagLike {
  appliedAt: Date;
  appliedBy: number | null;
}

export function toIntercomTag(tag: TagLike) {
  return { type: 'tag' as const, id: tag.id, name: tag.name };
}

export function toIntercomAppliedTag(tag: AppliedTag) {
  return {
    ...toIntercomTag(tag),
    applied_at: Math.floor(tag.appliedAt.getTime() / 1000),
    applied_by: tag.appliedBy === null ? null : { type: 'admin' as const, id: String(tag.appliedBy) },
  };
}
