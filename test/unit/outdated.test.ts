import { expect } from 'chai';
import { newerReleases } from '../../scripts/outdated.ts';

describe('dependency report', () => {
  const published = ['0.33.9', '0.34.4', '0.34.5', '0.35.0-rc.1', '0.35.0', '0.35.5', '1.0.0', '1.2.0'];

  it('names the newest release of the same major and the newest major apart', () => {
    expect(newerReleases('0.34.5', published)).to.deep.equal({ sameMajor: '0.35.5', latest: '1.2.0' });
    expect(newerReleases('1.0.0', published)).to.deep.equal({ sameMajor: '1.2.0', latest: undefined });
  });

  it('reports nothing for the newest release, and skips pre-releases', () => {
    expect(newerReleases('1.2.0', published)).to.deep.equal({ sameMajor: undefined, latest: undefined });
    expect(newerReleases('0.34.9', ['0.35.0-rc.1'])).to.deep.equal({
      sameMajor: undefined,
      latest: undefined,
    });
  });

  it('leaves a range or tag it cannot read alone', () => {
    expect(newerReleases('^1.0.0', published)).to.deep.equal({});
  });
});
