/**
 * The single table's shape, in one place: attribute and index names used by the key module, the
 * repositories, the local table bootstrap and the CDK data stack. Nothing else spells these strings.
 */
export const TABLE = {
  partitionKey: 'pk',
  sortKey: 'sk',
  /** TTL attribute (epoch seconds): tokens, revoked sessions, expired rows. */
  ttlAttribute: 'expiresAt',
  /** Children listed under a parent that is not their partition (e.g. services of an org). */
  byParent: { name: 'gsi1', partitionKey: 'gsi1pk', sortKey: 'gsi1sk' },
  /** Lookup by bare id, for paths that carry no parent id; tenancy is checked on the item's orgId. */
  byId: { name: 'gsi2', partitionKey: 'gsi2pk', sortKey: 'gsi2sk' },
} as const;

/** CreateTable input used by the local stack and the integration tests (CDK declares the same in infra). */
export function createTableInput(tableName: string) {
  const s = 'S' as const;
  return {
    TableName: tableName,
    BillingMode: 'PAY_PER_REQUEST' as const,
    AttributeDefinitions: [
      { AttributeName: TABLE.partitionKey, AttributeType: s },
      { AttributeName: TABLE.sortKey, AttributeType: s },
      { AttributeName: TABLE.byParent.partitionKey, AttributeType: s },
      { AttributeName: TABLE.byParent.sortKey, AttributeType: s },
      { AttributeName: TABLE.byId.partitionKey, AttributeType: s },
      { AttributeName: TABLE.byId.sortKey, AttributeType: s },
    ],
    KeySchema: [
      { AttributeName: TABLE.partitionKey, KeyType: 'HASH' as const },
      { AttributeName: TABLE.sortKey, KeyType: 'RANGE' as const },
    ],
    GlobalSecondaryIndexes: [TABLE.byParent, TABLE.byId].map((g) => ({
      IndexName: g.name,
      KeySchema: [
        { AttributeName: g.partitionKey, KeyType: 'HASH' as const },
        { AttributeName: g.sortKey, KeyType: 'RANGE' as const },
      ],
      Projection: { ProjectionType: 'ALL' as const },
    })),
    StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' as const },
  };
}
