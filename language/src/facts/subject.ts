// The base of subjects whose places (location, anchors, chain, related locations) and message-only
// facts are worked out when first read. Tens of thousands of subjects are built per check and rules
// fire on few of them: the places of the others are never read.
import type { ChainLink, FactFamily, Location, RelatedLocation, Subject } from '../check/types.ts';

/** Where findings about a subject point and what they cite. */
export interface SubjectPlaces {
  location: Location;
  anchors: Record<string, Location | undefined>;
  chain: ChainLink[];
  related: RelatedLocation[];
}

export abstract class DeferredSubject implements Subject {
  abstract readonly family: FactFamily;
  abstract readonly id: string;
  private places: SubjectPlaces | undefined = undefined;
  private completed = false;

  constructor(readonly facts: Record<string, unknown>) {}

  /** Works out the places of the subject; called at most once. */
  protected abstract findPlaces(): SubjectPlaces;

  /** Fills in the facts listed as details of the family (`DETAIL_FACTS`); called at most once. */
  protected addDetails(): void {}

  get location(): Location {
    return (this.places ??= this.findPlaces()).location;
  }

  get anchors(): Record<string, Location | undefined> {
    return (this.places ??= this.findPlaces()).anchors;
  }

  get chain(): ChainLink[] {
    return (this.places ??= this.findPlaces()).chain;
  }

  get related(): RelatedLocation[] {
    return (this.places ??= this.findPlaces()).related;
  }

  complete(): void {
    if (this.completed) return;
    this.completed = true;
    this.addDetails();
  }
}
