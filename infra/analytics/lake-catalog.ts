/**
 * The Glue Data Catalog of the lake: one database and one external Parquet table per lake
 * table, with partition projection derived from each table's partition layout.
 */
import { Aws } from 'aws-cdk-lib';
import { CfnDatabase, CfnTable } from 'aws-cdk-lib/aws-glue';
import { Construct } from 'constructs';
import { CITY, DISTRICTS } from '../../schemas/reference/districts.ts';
import type { LakeCatalogProps } from './lake-catalog-props.ts';
import { projectionParameters } from './partition-projection.ts';

/**
 * @example
 * const catalog = new LakeCatalog(this, 'Catalog', { lake, tables: lakeTableSpecs() });
 * catalog.databaseName; // 'redvest'
 */
export class LakeCatalog extends Construct {
  /** The Glue database name. */
  readonly databaseName: string;
  /** Tables by name. */
  readonly tables: ReadonlyMap<string, CfnTable>;

  constructor(scope: Construct, id: string, props: LakeCatalogProps) {
    super(scope, id);
    this.databaseName = props.databaseName ?? 'redvest';
    const settings = {
      districts: props.districts ?? [...DISTRICTS.map((district) => district.slug), CITY],
      firstYear: props.firstYear ?? 2015,
    };
    const database = new CfnDatabase(this, 'Database', {
      catalogId: Aws.ACCOUNT_ID,
      databaseInput: { name: this.databaseName, description: 'Redvest lake: curated datasets and aggregates' },
    });

    const tables = new Map<string, CfnTable>();
    for (const spec of props.tables) {
      if (!spec.prefix.endsWith('/')) throw new Error(`table ${spec.name}: prefix must end with "/"`);
      const location = `s3://${props.lake.bucketName}/${spec.prefix}`;
      const table = new CfnTable(this, `Table-${spec.name}`, {
        catalogId: Aws.ACCOUNT_ID,
        databaseName: this.databaseName,
        tableInput: {
          name: spec.name,
          description: spec.description,
          tableType: 'EXTERNAL_TABLE',
          parameters: {
            classification: 'parquet',
            EXTERNAL: 'TRUE',
            'parquet.compression': 'SNAPPY',
            ...projectionParameters(location, spec.partitionKeys, settings, spec.partitionPath),
          },
          partitionKeys: spec.partitionKeys.map((column) => ({ ...column })),
          storageDescriptor: {
            location,
            columns: spec.columns.map((column) => ({ ...column })),
            inputFormat: 'org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat',
            outputFormat: 'org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat',
            serdeInfo: {
              serializationLibrary: 'org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe',
              parameters: { 'serialization.format': '1' },
            },
          },
        },
      });
      table.node.addDependency(database);
      tables.set(spec.name, table);
    }
    this.tables = tables;
  }
}
