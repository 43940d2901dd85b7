/**
 * Nodes as WebGL points that skip sigma's picking pass while the camera moves. Sigma draws every node twice a frame:
 * once on screen and once, in id colours, into the texture it reads to find the node under the pointer. Nothing is
 * picked in the middle of a drag, and with software WebGL that second pass (and re-creating its texture) was 40%
 * of a panning frame. A frame that skipped it leaves the picking texture stale, so the renderer draws one full frame
 * once the camera stops (see GraphRenderer).
 */
import type { Attributes } from 'graphology-types';
import type Sigma from 'sigma';
import { NodePointProgram } from 'sigma/rendering';
import type { RenderParams } from 'sigma/types';

/** Sigma's own test for "moving" (as for hideEdgesOnMove), plus touch gestures, which sigma leaves out. */
export function cameraMoving<N extends Attributes, E extends Attributes, G extends Attributes>(sigma: Sigma<N, E, G>): boolean {
  const mouse = sigma.getMouseCaptor();
  return sigma.getCamera().isAnimated() || mouse.isMoving || mouse.draggedEvents > 0 || mouse.currentWheelDirection !== 0 ||
    sigma.getTouchCaptor().isMoving;
}

/** Called after each frame the program draws: for which sigma, and whether it left out the picking pass. */
export type FrameReport = (sigma: object, pickingSkipped: boolean) => void;

export function createMovingPointProgram(report: FrameReport) {
  return class MovingPointProgram<N extends Attributes = Attributes, E extends Attributes = Attributes, G extends Attributes = Attributes> extends NodePointProgram<N, E, G> {
    override render(params: RenderParams): void {
      const sigma = this.renderer;
      const pick = this.pickProgram;
      const skip = pick !== null && cameraMoving(sigma);
      if (skip) this.pickProgram = null;
      try {
        super.render(params);
      } finally {
        this.pickProgram = pick;
      }
      report(sigma, skip);
    }
  };
}
