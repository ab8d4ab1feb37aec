import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import { ESLint } from 'eslint';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const RULE = '@typescript-eslint/no-restricted-imports';

/** The import-border messages ESLint (with the project's config) gives a file at `filePath`. */
async function borderErrors(code: string, filePath: string): Promise<string[]> {
  const eslint = new ESLint({ cwd: ROOT });
  const [result] = await eslint.lintText(code, { filePath: path.join(ROOT, filePath) });
  return result!.messages.filter((m) => m.ruleId === RULE).map((m) => m.message);
}

describe('module borders (ESLint)', function () {
  this.timeout(60_000);

  it("refuses another module's model, values and types alike", async () => {
    expect(
      await borderErrors(
        "import { Product } from '../catalog/model.ts';\nexport const p = Product;\n",
        'src/orders/fixture.ts',
      ),
    ).to.have.length(1);
    expect(
      await borderErrors(
        "import type { OrderDoc } from '../orders/model.ts';\nexport type O = OrderDoc;\n",
        'src/payments/fixture.ts',
      ),
    ).to.have.length(1);
    expect(
      await borderErrors(
        "import { Order } from './orders/model.ts';\nexport const o = Order;\n",
        'src/fixture.ts',
      ),
    ).to.have.length(1);
  });

  it('lets a module use its own model, and another module through its service', async () => {
    expect(
      await borderErrors(
        "import { Order } from './model.ts';\nimport { getProduct } from '../catalog/service.ts';\nexport const x = [Order, getProduct];\n",
        'src/orders/fixture.ts',
      ),
    ).to.deep.equal([]);
  });

  it('refuses a route file that imports its own model', async () => {
    const code = "import { Order } from './model.ts';\nexport const o = Order;\n";
    for (const file of ['src/orders/routes.ts', 'src/orders/admin-routes.ts', 'src/services/admin-page.ts']) {
      expect(await borderErrors(code, file), file).to.have.length(1);
    }
    expect(
      await borderErrors(
        "import { getOrder } from './service.ts';\nexport const g = getOrder;\n",
        'src/orders/routes.ts',
      ),
    ).to.deep.equal([]);
  });

  it('finds no import across the borders in the source tree', async () => {
    const eslint = new ESLint({ cwd: ROOT });
    const results = await eslint.lintFiles(['src/**/*.ts']);
    const crossings = results.flatMap((r) =>
      r.messages
        .filter((m) => m.ruleId === RULE)
        .map((m) => `${path.relative(ROOT, r.filePath)}: ${m.message}`),
    );
    expect(crossings).to.deep.equal([]);
  });
});
